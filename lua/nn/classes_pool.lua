-- nn class files for the pooling, padding, upsampling and normalization modules, in load order.
return {
}
