// Stable names for the ICU functions Rasid uses.
// Debian's headers rename every ICU function by version (ubrk_open -> ubrk_open_72) through macros
// that Swift cannot import; these inline wrappers compile against whichever version is installed.
#ifndef RASID_CICU_SHIM_H
#define RASID_CICU_SHIM_H

#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

static inline const char *rasid_u_errorName(UErrorCode code) { return u_errorName(code); }

static inline UBreakIterator *rasid_ubrk_open(UBreakIteratorType type, const char *locale,
                                              const UChar *text, int32_t length, UErrorCode *status) {
    return ubrk_open(type, locale, text, length, status);
}
static inline UBreakIterator *rasid_ubrk_clone(const UBreakIterator *bi, UErrorCode *status) {
    return ubrk_clone(bi, status);
}
static inline void rasid_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
    ubrk_setText(bi, text, length, status);
}
static inline void rasid_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
static inline int32_t rasid_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t rasid_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t rasid_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }

static inline const UNormalizer2 *rasid_unorm2_getNFKCInstance(UErrorCode *status) {
    return unorm2_getNFKCInstance(status);
}
static inline int32_t rasid_unorm2_normalize(const UNormalizer2 *norm, const UChar *src, int32_t length,
                                             UChar *dest, int32_t capacity, UErrorCode *status) {
    return unorm2_normalize(norm, src, length, dest, capacity, status);
}
static inline UBool rasid_unorm2_isNormalized(const UNormalizer2 *norm, const UChar *s, int32_t length,
                                              UErrorCode *status) {
    return unorm2_isNormalized(norm, s, length, status);
}

static inline UBool rasid_u_isUWhiteSpace(UChar32 c) { return u_isUWhiteSpace(c); }
static inline int32_t rasid_u_getIntPropertyValue(UChar32 c, UProperty which) {
    return u_getIntPropertyValue(c, which);
}
static inline UBool rasid_u_hasBinaryProperty(UChar32 c, UProperty which) { return u_hasBinaryProperty(c, which); }

#endif
