; type: TRACEPOINT
ld_pseudo r1, 1, 0
r1 += 8
r0 = 0
exit
