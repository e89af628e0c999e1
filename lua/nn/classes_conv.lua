-- nn class files for the convolution modules, in load order.
return {
}
