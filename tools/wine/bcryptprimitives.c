/* Stand-in for Windows' own bcryptprimitives.dll, for Wine only (tools/build_windows.py).
 *
 * pydantic-core (Rust's standard library, 1.78 and later) imports ProcessPrng from
 * bcryptprimitives.dll, which every Windows 10/11 has and Wine 8 lacks: without it
 * _pydantic_core.pyd does not load under Wine. This file is put in the Wine prefix's
 * system32 only; it never enters the bundle or the installer.
 *
 * ProcessPrng fills the buffer from the system's random number generator and, like the
 * real one, always reports success.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
