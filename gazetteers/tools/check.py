#!/usr/bin/env python3
"""Check every .lst file under gazetteers/ against the format of gazetteers/README.md.

Per line: TAB-separated; first column non-empty forms separated by `|`; every further column
`key=value` with key [A-Za-z0-9_]+; headers `#@ key = value` only before the first entry;
`#@ source` and `#@ licence` present; no bidi or zero-width characters; no two forms (in the
whole file) equal after the matcher's normalisation.  Exit status 1 on any problem.

Usage: python3 gazetteers/tools/check.py [DIR]
"""
import os
import re
import sys

BAD_CHARS = re.compile('[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')
KEY = re.compile(r'^[A-Za-z0-9_]+$')
DIACRITICS = re.compile('[\u064b-\u0652\u0670\u0640]')
FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'ء', 'ئ': 'ء',
                      'ک': 'ك', 'ی': 'ي',
                      **{chr(0x660 + i): str(i) for i in range(10)},
                      **{chr(0x6f0 + i): str(i) for i in range(10)}})


def normalise(form):
    """The matcher's normalisation (gazetteers/README.md): diacritics, tatweel, hamza forms,
    ى/ة, Persian letters, digits; whitespace collapsed and `عبد X` joined to `عبدX`."""
    s = DIACRITICS.sub('', form).translate(FOLD)
    s = ' '.join(s.split())
    s = re.sub(r'(^| )عبد (?=ال)', r'\1عبد', s)
    return s


def check_file(path):
    errors = []
    seen = {}
    headers = {}
    entries = 0
    with open(path, 'rb') as fh:
        raw = fh.read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        return [f'{path}: invalid UTF-8: {e}'], 0
    for n, line in enumerate(text.split('\n'), 1):
        where = f'{path}:{n}'
        if BAD_CHARS.search(line):
            errors.append(f'{where}: bidi/zero-width character')
        if line.endswith('\r'):
            errors.append(f'{where}: CR line ending')
        if not line.strip():
            continue
        if line.startswith('#@'):
            if entries:
                errors.append(f'{where}: header after the first entry')
            body = line[2:]
            if '=' not in body:
                errors.append(f'{where}: header without =')
                continue
            k, v = (x.strip() for x in body.split('=', 1))
            if not KEY.match(k):
                errors.append(f'{where}: bad header key {k!r}')
            headers[k] = v
            continue
        if line.startswith('#'):
            continue
        entries += 1
        cols = line.split('\t')
        forms = [f.strip() for f in cols[0].split('|')]
        for f in forms:
            if not f:
                errors.append(f'{where}: empty form')
                continue
            if '  ' in f or '\u00a0' in f:
                errors.append(f'{where}: odd whitespace in {f!r}')
            key = normalise(f)
            if key in seen:
                errors.append(f'{where}: duplicate form {f!r} (line {seen[key]})')
            else:
                seen[key] = n
        for c in cols[1:]:
            if '=' not in c:
                errors.append(f'{where}: feature without = {c!r}')
                continue
            k, v = c.split('=', 1)
            if not KEY.match(k):
                errors.append(f'{where}: bad feature key {k!r}')
            if not v:
                errors.append(f'{where}: empty feature value for {k}')
    for need in ('source', 'licence'):
        if need not in headers:
            errors.append(f'{path}: missing #@ {need} header')
    return errors, entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    bad = 0
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith('.lst'):
                p = os.path.join(d, f)
                errs, n = check_file(p)
                print(f'{os.path.relpath(p, root)}: {n} entries' + (f', {len(errs)} problems' if errs else ''))
                for e in errs[:30]:
                    print('  ' + e)
                bad += len(errs)
    print('OK' if not bad else f'{bad} problems')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
