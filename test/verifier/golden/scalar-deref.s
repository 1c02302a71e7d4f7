; type: SOCKET_FILTER
r1 = 42
r0 = *(u64 *)(r1 + 0)
exit
