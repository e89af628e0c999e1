-- nn class files for the criteria beyond the core ones, in load order.
return {
}
