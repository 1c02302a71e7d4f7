; type: TRACEPOINT
ld_pseudo r1, 1, 1
r2 = 16
r3 = 0
call 131
if r0 == 0 goto +5
r6 = r0
r1 = r0
r2 = 0
call 132
*(u64 *)(r6 + 0) = 1
r0 = 0
exit
