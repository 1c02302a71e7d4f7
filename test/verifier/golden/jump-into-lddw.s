; type: SOCKET_FILTER
if r1 == 0 goto +1
r0 = 1 ll
r0 = 0
exit
