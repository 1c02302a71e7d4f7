; type: TRACEPOINT
ld_pseudo r1, 1, 1
r2 = 16
r3 = 0
call 131
if r0 == 0 goto +1
r0 = 0
r0 = 0
exit
