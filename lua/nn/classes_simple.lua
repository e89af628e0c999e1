-- nn class files for the simple modules (Add, CMul, Narrow, Sum, LookupTable, ...), in load order.
return {
}
