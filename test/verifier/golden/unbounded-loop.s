; type: TRACEPOINT
r1 = *(u64 *)(r1 + 8)
if r1 != 0 goto -1
r0 = 0
exit
