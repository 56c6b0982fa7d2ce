/* Stand-in for Windows' own icuuc.dll, for Wine only (tools/build_windows.py).
 *
 * Qt6Core.dll imports 20 ucnv_* functions from icuuc.dll, which Windows 10 1903 and later ship
 * in System32 and Wine 8 does not. Without it Qt6Core.dll does not load under Wine, and
 * PyInstaller's Qt hook, which imports PySide6.QtCore to find the plugins, collects none.
 * This file is put in the Wine prefix's system32 only; it never enters the bundle or the
 * installer (a city PC uses the real one).
 *
 * Qt uses these only for a text codec it does not build in itself (QStringConverter by a
 * name such as "Big5"). Here no converter exists: ucnv_open and ucnv_getStandardName fail
 * with U_UNSUPPORTED_ERROR, ucnv_countAvailable says 0, and the functions that take a
 * converter (never given one) do nothing.
 */
#include <stddef.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
enum { U_UNSUPPORTED_ERROR = 16 };

static void unsupported(UErrorCode *err)
{
    if (err && *err <= 0)
        *err = U_UNSUPPORTED_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; unsupported(err); return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; unsupported(err); return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }

/* Given a converter, which ucnv_open never returns: nothing to do. */
#define NOTHING(name) EXPORT size_t name(void) { return 0; }
NOTHING(ucnv_close)
NOTHING(ucnv_reset)
NOTHING(ucnv_getMaxCharSize)
NOTHING(ucnv_getName)
NOTHING(ucnv_getToUCallBack)
NOTHING(ucnv_getFromUCallBack)
NOTHING(ucnv_setToUCallBack)
NOTHING(ucnv_setFromUCallBack)
NOTHING(ucnv_cbToUWriteUChars)
NOTHING(ucnv_cbFromUWriteUChars)
NOTHING(ucnv_toUnicode)
NOTHING(ucnv_fromUnicode)
NOTHING(ucnv_toUCountPending)
NOTHING(ucnv_fromUCountPending)
NOTHING(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
NOTHING(UCNV_TO_U_CALLBACK_SUBSTITUTE)
