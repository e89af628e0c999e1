-- nn class files for the table modules (SplitTable, CMulTable, DotProduct, ...), in load order.
return {
}
