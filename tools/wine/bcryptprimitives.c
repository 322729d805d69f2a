/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows
 * build of `redress.exe` under Debian's Wine 8 in tests only (scripts/
 * test-windows builds it; it is never shipped in a package).
 *
 * Rust's standard library (1.78 and later) takes its random bytes from
 * `ProcessPrng` in bcryptprimitives.dll, which Windows 10 and 11 have and
 * Wine 8 lacks, so without this no current Rust program starts under it.
 * It answers from `RtlGenRandom` (exported by advapi32 as
 * `SystemFunction036`), which Wine has. Like Windows' own, it always
 * succeeds: `RtlGenRandom` takes a ULONG length, so larger requests are
 * filled in pieces.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece)) {
            return FALSE;
        }
        data += piece;
        length -= piece;
    }
    return TRUE;
}
