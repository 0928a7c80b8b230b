"""Compares wasm-opt --fuzz-exec-before output with FuzzRunner's, on what both print alike: calls, integer results,
integer logs and traps. binaryen prints floats, vectors and logged i64s (as two halves) differently, so those lines
compare only by position. Exits 1 on a difference, printing it."""
import difflib
import re
import sys

def reference(path):
    lines = []
    for line in open(path).read().splitlines():
        if line.startswith('[fuzz-exec] calling hangLimitInitializer'):
            lines.append(line)  # the last export: the first of binaryen's two runs ends here
            break
        if line.startswith('[trap'):
            lines.append('[trap]')
        elif line.startswith(('[fuzz-exec] calling', '[fuzz-exec] note result', '[LoggingExternalInterface')):
            lines.append(line)
    return lines

def integer_or_unknown(line):
    m = re.match(r'(\[fuzz-exec\] note result: \S+ => |\[LoggingExternalInterface logging )(.*?)(\]?)$', line)
    if m and not re.fullmatch(r'-?\d+', m.group(2)):
        return m.group(1) + '?' + m.group(3)
    return line

ref = [integer_or_unknown(l) for l in reference(sys.argv[1])]
ours = [integer_or_unknown(l) for l in open(sys.argv[2]).read().splitlines()]
for i in range(min(len(ref), len(ours))):
    # A value one side cannot print as an integer is not compared.
    if ref[i].endswith(('?', '?]')) or ours[i].endswith(('?', '?]')):
        if ref[i].split(' => ')[0].split(' logging ')[0] == ours[i].split(' => ')[0].split(' logging ')[0]:
            ref[i] = ours[i]
if ref != ours:
    print('MISMATCH', sys.argv[3])
    for d in list(difflib.unified_diff(ref, ours, 'wasm-opt --fuzz-exec', 'wasm2jar', lineterm=''))[:20]:
        print('   ', d)
    sys.exit(1)
