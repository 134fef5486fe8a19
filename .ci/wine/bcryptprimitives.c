/* Wine 8 has no bcryptprimitives.dll, from which Rust's standard library imports ProcessPrng
 * for random bytes (HashMap seeds, temp file names). This stand-in, built with MinGW by
 * .ci/windows and placed beside the .exe and the test binaries, exports ProcessPrng and takes
 * the bytes from SystemFunction036 (RtlGenRandom, advapi32), which Wine has. CI only: it is
 * never shipped; real Windows 10 and later have the genuine DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
