-- The library files loaded after the tensor core, in order. Each receives `torch` as `...`.
return {
}
