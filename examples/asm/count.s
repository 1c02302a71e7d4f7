; Sum of 1..10 in a bounded loop, in the LLVM/kernel assembler syntax that
; `llvm-objdump -d` prints. `tsbpf asm` turns it into raw bytecode, `tsbpf vm` runs it (r0 = 55).
	r0 = 0
	r1 = 1
loop:
	r0 += r1
	r1 += 1
	if r1 <= 10 goto loop
	exit
