; type: SOCKET_FILTER
r6 = 0
r0 = *(u8 *)skb[12]
exit
