; type: TRACEPOINT
r6 = *(u64 *)(r1 + 8)
*(u32 *)(r10 - 4) = 1
r2 = r10
r2 += -4
ld_pseudo r1, 1, 0
call 1
if r0 == 0 goto +2
r0 += r6
r0 = *(u8 *)(r0 + 0)
r0 = 0
exit
