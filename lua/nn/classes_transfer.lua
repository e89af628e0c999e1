-- nn class files for the transfer functions (ReLU6, SoftPlus, PReLU, ...), in load order.
return {
}
