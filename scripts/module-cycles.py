#!/usr/bin/env python3
"""Lists the circles of imports between the modules of a crate.

Usage: module-cycles.py SRC_DIR:CRATE_NAME [...]. Each `use crate::a::b`,
`super::...` or `CRATE_NAME::...` path in a module (its tests left out) is
an edge to the longest module it names; a module's own children and the
crate root do not count. Prints every circle and exits 1 if there is one.
"""
import os
import re
import sys


def modules(root):
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, root)[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            found["::".join(parts)] = path
    return found


def without_tests(text):
    cut = text.find("#[cfg(test)]")
    return text if cut < 0 else text[:cut]


def edges(name, text, known, crate):
    parts = name.split("::") if name else []
    out = set()
    pattern = r"\b(crate|super|self|%s)((?:::[A-Za-z_][A-Za-z0-9_]*)+)" % crate
    for match in re.finditer(pattern, text):
        head, path = match.group(1), match.group(2).split("::")[1:]
        if head in ("crate", crate):
            base = []
        elif head == "super":
            base = parts[:-1]
            while path and path[0] == "super":
                base, path = base[:-1], path[1:]
        else:
            base = parts
        full = base + path
        for k in range(len(full), 0, -1):
            candidate = "::".join(full[:k])
            if candidate in known:
                out.add(candidate)
                break
    return {d for d in out if d != name and name and not d.startswith(name + "::")}


def circles(root, crate):
    known = modules(root)
    graph = {m: edges(m, without_tests(open(p).read()), known, crate) for m, p in known.items()}
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return found, graph


def main():
    bad = False
    for arg in sys.argv[1:]:
        root, crate = arg.split(":")
        found, graph = circles(root, crate)
        for component in found:
            bad = True
            print(f"{crate}: a circle of imports between {', '.join(component)}:")
            for m in component:
                print(f"  {m or '(root)'} -> {', '.join(sorted(d for d in graph[m] if d in component))}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
