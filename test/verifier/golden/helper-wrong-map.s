; type: TRACEPOINT
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
ld_pseudo r1, 1, 1
call 1
r0 = 0
exit
