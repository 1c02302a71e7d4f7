; type: SOCKET_FILTER
r0 = *(u64 *)(r10 + 0)
exit
