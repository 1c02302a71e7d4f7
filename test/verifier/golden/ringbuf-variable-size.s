; type: TRACEPOINT
r2 = *(u64 *)(r1 + 8)
ld_pseudo r1, 1, 1
r3 = 0
call 131
r0 = 0
exit
