#!/usr/bin/env python3
"""tests/fuzz/make_corpus.py - (re)writes the seed corpora in tests/fuzz/corpus/.

    python3 tests/fuzz/make_corpus.py

Real inputs (the seed units in units/, rows of examples/northgate/, the
cases of the vendored Mustache spec in tests/mustache/spec/) and hand-made
nasty ones (deep nesting, unterminated quotes and tags, invalid UTF-8, NUL
bytes, long fields), each kept small.  Files are named after what they
hold, so a rerun rewrites the same set.  Mustache seeds use the layout in
fuzz.h: a flags byte, then TEMPLATE \\0 JSON \\0 NAME\\nPARTIAL ...
"""
import glob
import json
import os
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")


def write(kind, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


# ---- units -----------------------------------------------------------------

FRONT = "---\nid: t1\ntitle: Test unit\n---\n"
BODY = ("## 1 Spot problems\n- 1.1 Listen `observe`\n- 1.2 Ask\n\n"
        "### Knowledge\n\nSome *guidance*.\n\n"
        "## 2 Know how `knowledge`\n- 2.1 Describe\n  guidance under it\n\n"
        "## Evidence requirements\n\n1. Real work.\n\n"
        "### Problems\n\n- 4a brought by customers\n- 4b found by you\n\n"
        "## Notes\n\nProse <b>html</b> [link](javascript:alert(1)).\n")


def units():
    for path in sorted(glob.glob(os.path.join(ROOT, "units", "*.md"))):
        write("unit", "seed-" + os.path.basename(path), read(path))
    write("unit", "small.md", FRONT + BODY)
    write("unit", "full-front-matter.md",
          "---\nid: ocr-c3\ntitle: Resolve problems\nawarding_body: OCR\n"
          "number: C3\nurn: R/506/2151\nlevel: 2\ncredit: 6\nglh: 40\n"
          "methods: O PD WT\nsimulation: yes\noccasions: 3\n"
          "nos: [CFACSC7, CFACSC8]\n---\n" + BODY)
    write("unit", "methods-map.md",
          "---\nid: m\ntitle: M\nmethods: {O: Observation, XX: Other thing}\n"
          "---\n" + BODY)
    write("unit", "bad-values.md",
          "---\nid: ../x\ntitle: [a, b]\ncredit: six\nlevel: [1]\n"
          "occasions: 0\nsimulation: maybe\nmethods: XX\ntitel: x\nid: again\n"
          "---\n" + BODY)
    write("unit", "bom-crlf.md",
          "\ufeff---\r\nid: t1\r\ntitle: T\r\n---\r\n## 1 Spot\r\n"
          "- 1.1 Listen `observe`\r\n")
    write("unit", "no-front-matter.md", BODY)
    write("unit", "unclosed-front-matter.md", "---\nid: t1\ntitle: T\n" + BODY)
    write("unit", "front-matter-not-map.md", "---\n- a\n- b\n---\n" + BODY)
    write("unit", "front-matter-scalar.md", "---\njust text\n---\n")
    write("unit", "empty-front-matter.md", "---\n---\n")
    write("unit", "empty.md", "")
    write("unit", "dashes-only.md", "---")
    write("unit", "invalid-utf8.md",
          b"---\nid: t1\ntitle: caf\xc3\n---\n## 1 Sp\xffot\n- 1.1 \xed\xa0\x80x\n")
    write("unit", "nul-byte.md", b"---\nid: t1\x00\ntitle: T\n---\n")
    write("unit", "duplicate-ids.md",
          FRONT + "## 1 A\n- 1.1 x\n- 1.1 y\n## 1 B\n- 1.1 z\n"
          "## Evidence requirements\n### A\n- 4a one\n### B\n- 4a two\n")
    write("unit", "criteria-outside.md",
          FRONT + "- 1.1 before any outcome\n## 1 A\n- no id\n- 2.1 wrong outcome\n"
          "## Evidence requirements\n- 4a outside a group\n### G\n- no id here\n")
    write("unit", "bad-tags.md",
          FRONT + "## 1 Spot `knowlege`\n- 1.1 Listen `observed`\n"
          "- 1.2 `observe` `observe` twice\n")
    write("unit", "html-and-links.md",
          FRONT + "<script>alert(1)</script>\n\n## 1 <i>A</i>\n"
          "- 1.1 [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n")
    write("unit", "deep-blockquote.md", FRONT + "## 1 A\n- 1.1 x\n" + ">" * 3000 + " deep\n")
    write("unit", "deep-lists.md",
          FRONT + "## 1 A\n" + "".join("  " * i + "- 1.%d x\n" % i for i in range(60)))
    write("unit", "deep-yaml-flow.md",
          "---\nid: t1\ntitle: T\nnos: " + "[" * 2000 + "]" * 2000 + "\n---\n")
    write("unit", "deep-yaml-block.md",
          "---\nid: t1\ntitle: T\nmethods:\n" +
          "".join(" " * (i + 1) + "a%d:\n" % i for i in range(90)) + "---\n")
    write("unit", "yaml-aliases.md",
          "---\nid: &a t1\ntitle: *a\nnos: &l [*a, *a, *a]\nmethods: *l\n"
          "level: !!binary aGVsbG8=\n? [complex, key]\n: v\n---\n" + BODY)
    write("unit", "yaml-unterminated.md", "---\nid: 't1\ntitle: \"T\n---\n")
    write("unit", "yaml-tabs-and-docs.md", "---\nid:\tt1\n...\n---\ntitle: T\n---\n")
    write("unit", "long-id.md", "---\nid: " + "a" * 4000 + "\ntitle: T\n---\n" + BODY)
    write("unit", "long-line.md", FRONT + "## 1 A\n- 1.1 " + "x " * 4000 + "\n")
    write("unit", "numbers.md",
          "---\nid: t1\ntitle: T\ncredit: 99999999999999999999\nglh: -1\n"
          "occasions: 1e9\n---\n## 99999999999 Big\n- 99999999999.1 x\n"
          "## 0 Zero\n- 0.0 y\n## -1 Neg\n- -1.1 z\n")
    write("unit", "many-outcomes.md",
          FRONT + "".join("## %d O\n- %d.1 a\n- %d.2 b `observe`\n" % (i, i, i)
                          for i in range(1, 120)))
    write("unit", "setext-and-code.md",
          FRONT + "Outcome\n=======\n\n1 Not an H2\n-----------\n\n"
          "```\n## 1 in code\n- 1.1 not a criterion\n```\n\n    ## indented\n"
          "## 1 Real\n- 1.1 real\n")
    # Found in the round of issue 20: outcome headings in the common
    # forms, tags written the wrong way, look-alikes in prose, many tags,
    # old Mac line ends, Windows device names, deep flow nesting.
    write("unit", "outcome-forms.md", FRONT +
          "## Learning outcome 1: A `knowledge`\n- 1.1 x\n## Outcome 2 - B\n- 2.1 y\n"
          "## LO3 C\n- 3.1 z `observe`\n## 4. D\n- 4.1 w\n## 5) E\n- 5.1 v\n"
          "## 6 \u2013 F\n- 6.1 u\n## Learning outcome: none\n- 7.1 lost\n")
    write("unit", "wrong-tag-forms.md", FRONT +
          "## 1 A [knowledge]\n- 1.1 x (observe)\n- 1.2 y *observe*\n- 1.3 z **observe**\n"
          "## Notes\n\n- 2.1 stray `observe`\n\nText `knowledge`\n### Learning outcome 3\n")
    write("unit", "many-tags.md", FRONT + "## 1 A\n- 1.1 x" + " `t`" * 40 + " `observe`\n")
    write("unit", "cr-only.md", (FRONT + "## 1 A\n- 1.1 x `observe`\n- 1.2 y\n").replace("\n", "\r"))
    write("unit", "windows-id.md", "---\nid: CON\ntitle: T\n---\n" + BODY)
    write("unit", "deep-yaml-flow-past-limit.md",
          "---\nid: t1\ntitle: T\nnos: " + "[" * 70 + "]" * 70 + "\n---\n" + BODY)
    write("unit", "headings-only.md", FRONT + "# H1\n# H1 again\n## \n### \n#### 4\n")


# ---- CSV -------------------------------------------------------------------

def csvs():
    learners = read("examples/northgate/learners.csv")
    write("csv", "seed-learners.csv", learners)
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "northgate",
                                              "evidence", "*.csv")))[:2]:
        lines = read(os.path.relpath(path, ROOT)).split(b"\n")
        write("csv", "seed-" + os.path.basename(path), b"\n".join(lines[:12]) + b"\n")
    head = "learner,unit,ref,date,method,criteria,requirements,summary,assessor,simulated,location\n"
    write("csv", "evidence-fields.csv", head +
          'a,ocr-c3,R1,2026-01-26,O,1.1 1.2;1.3,4a,"x, y",JR,yes,\n'
          'b,ocr-c3,R2,26/01/2026,PD,,4a 4b,"multi\nline",JR,no,"A ""q"""\n'
          'c,ocr-c3,R3,31/02/2026,WT,1.1,,,,maybe,\n'
          'd,ocr-c3,R4,2026-13-01,O,,,,,Y,\n'
          'e,ocr-c3,R5,0000-01-01,O,,,,,TRUE,\n'
          'f,ocr-c3,R6,9999-12-31,O,,,,,0,\n'
          'g,ocr-c3,R7, 1/1/1 ,O,,,,,1,\n'
          'h,ocr-c3,R8,2024-02-29,O,,,,,n,\n')
    write("csv", "crlf.csv", "a,b,c\r\n1,2,3\r\n\"x\r\ny\",5,6\r\n")
    write("csv", "cr-only.csv", "a,b\r1,2\r3,4\r")
    write("csv", "bom.csv", "\ufeffa,b\n1,2\n")
    write("csv", "trailing-commas.csv", "a,b,,\n1,2,,\n3,4,x,\n,,,\n\n5,6\n")
    write("csv", "blank-lines.csv", "\n\n  \na,b\n\n,\n1,2\n\n")
    write("csv", "unterminated-quote.csv", 'a,b\n1,"never closed\n2,3\n4,5\n')
    write("csv", "quote-in-unquoted.csv", 'a,b\n1,x"y\n"a"b,2\n3,4\n')
    write("csv", "quote-then-text.csv", 'a,b\n"x" y,2\n"",""""\n')
    write("csv", "ragged.csv", "a,b,c\n1\n1,2\n1,2,3,4\n1,2,3,,\n")
    write("csv", "duplicate-header.csv", "a,A, a ,b\n1,2,3,4\n")
    write("csv", "empty-header-names.csv", ",a,,b\n1,2,3,4\n")
    write("csv", "header-only.csv", "a,b,c")
    write("csv", "empty.csv", "")
    write("csv", "only-newlines.csv", "\n\r\n\r")
    write("csv", "invalid-utf8.csv", b"a,b\n\xff,2\ncaf\xc3,\xe2\x82\n\xed\xa0\x80,\xf4\x90\x80\x80\n")
    write("csv", "invalid-utf8-header.csv", b"a\xfe,b\n1,2\n")
    write("csv", "many-bad-utf8-rows.csv",
          b"a,b\n" + b"".join(b"\xe9t\xe9,%d\n" % i for i in range(30)))
    write("csv", "nul-byte.csv", b"a,b\n1,\x002\n")
    write("csv", "long-field.csv", "a,b\n" + "x" * 8000 + ',"' + "y\n" * 2000 + '"\n')
    write("csv", "wide-row.csv", ",".join("c%d" % i for i in range(400)) + "\n" +
          ",".join(str(i) for i in range(400)) + "\n")
    write("csv", "stray-nul.csv", b"learner,summary\nl1,fine\nl2,a stray\x00 NUL\nl3,fine again\n"
          + b"l4,and enough text around it to be read as text, not binary\n")
    write("csv", "duplicate-refs.csv", "learner,unit,ref,date,method,criteria,requirements\n"
          "l1,u,R,2026-03-01,O,1.1;1.1;1.1 1.2,4a;4a\n")
    write("csv", "future-and-early-dates.csv", "learner,unit,ref,date,method,criteria\n"
          "l1,u,F,2099-01-01,O,1.1\nl1,u,E,01/01/1990,O,1.1\n")
    write("csv", "many-rows.csv", "a,b\n" + "".join("%d,%d\n" % (i, i) for i in range(400)))
    write("csv", "tabs-spaces.csv", "\ta , b\t\n  1 ,\t\" 2 \"\n")
    write("csv", "quoted-newlines.csv", 'a,b\n"1\n\n\n2","\r\n"\n3,4\n')
    write("csv", "single-quote.csv", '"')
    write("csv", "quote-eof.csv", 'a,b\n1,"2"')


# ---- Mustache ----------------------------------------------------------------

def mustache_input(template, data, partials=None, flags=0):
    parts = [template.encode("utf-8") if isinstance(template, str) else template,
             json.dumps(data, ensure_ascii=False).encode("utf-8")
             if not isinstance(data, bytes) else data]
    for name, source in (partials or {}).items():
        parts.append((name + "\n" + source).encode("utf-8"))
    return bytes([flags]) + b"\0".join(parts)


def mustaches():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "mustache", "spec", "*.json"))):
        spec = os.path.basename(path)[:-5].lstrip("~")
        with open(path, encoding="utf-8") as f:
            tests = json.load(f)["tests"]
        for i, t in enumerate(tests):
            partials = t.get("partials", {})
            if len(partials) > 3 or any("\0" in s for s in [t["template"]] + list(partials.values())):
                continue
            name = re.sub(r"[^a-z0-9]+", "-", t["name"].lower()).strip("-")
            write("mustache", "spec-%s-%02d-%s" % (spec, i, name),
                  mustache_input(t["template"], t["data"], partials))
    # The other flags: Markdown escaping, a stack of contexts, mustache_env_get.
    write("mustache", "flags-markdown", mustache_input(
        "{{a}} {{{a}}} {{#l}}{{.}}|{{/l}}",
        {"a": "# *x* _y_ [z](u) <b> | 1. \\ `c` ~!", "l": ["1. a", "-b", "+c", "12) d", "=e"]},
        flags=1))
    write("mustache", "flags-stack", mustache_input(
        "{{a}}{{b}}{{c}}{{#b}}{{a}}{{/b}}", [{"a": 1}, {"b": {"a": 2}}, {"c": 3}], flags=2))
    write("mustache", "misses-typo", mustache_input(
        "{{^has_gap}}done{{/has_gap}}{{a.c}}{{#l}}{{x}}{{/l}}{{> nope}}{{>*dyn}}",
        {"has_gaps": True, "a": {"b": 1}, "l": [{"y": 1}], "dyn": "nope"}, flags=8))
    write("mustache", "misses-parent", mustache_input(
        "{{<missing}}{{$b}}x{{/b}}{{/missing}}{{<p}}{{/p}}", {}, {"p": "{{$b}}{{q}}{{/b}}"},
        flags=8 | 1))
    write("mustache", "flags-env-get", mustache_input(
        "{{>p}}", {"x": "y"}, {"p": "{{x}}{{>q}}", "q": "[{{x}}]"}, flags=4))
    write("mustache", "values", mustache_input(
        "{{s}}|{{i}}|{{r}}|{{big}}|{{t}}|{{f}}|{{n}}|{{a}}|{{o}}|{{{o}}}|{{&a}}|{{e}}",
        {"s": "<&\"'>", "i": -9223372036854775807, "r": 1.21, "big": 1e300,
         "t": True, "f": False, "n": None, "a": [1, "x", [None]], "o": {"k": "<v>"},
         "e": "\u0000nul"}))
    write("mustache", "dotted", mustache_input(
        "{{a.b.c}}{{#a}}{{b.c}}{{/a}}{{a.x.y}}{{.}}{{#a.b}}{{c}}{{/a.b}}",
        {"a": {"b": {"c": "deep"}}}))
    write("mustache", "deep-sections", mustache_input(
        "{{#a}}" * 150 + "x" + "{{/a}}" * 150, {"a": True}))
    write("mustache", "deep-unclosed", mustache_input("{{#a}}{{^b}}" * 200, {}))
    write("mustache", "mismatched", mustache_input("{{#a}}{{/b}}{{/a}}{{/c}}{{^}}{{#}}", {}))
    write("mustache", "unterminated-tags", mustache_input(
        "x {{a y {{{b}} {{!c {{>d {{=<% %>=}} <%e", {}))
    write("mustache", "bad-delimiters", mustache_input(
        "{{=<% %>=}}<%a%><%={{ }}=%>{{b}}{{= | =}}{{=x=}}{{==}}{{=a b c=}}", {"a": 1, "b": 2}))
    write("mustache", "odd-delimiters", mustache_input(
        "{{=| |=}}|a||#l||.||/l||={{ }}=|{{=[[[ ]]]=}}[[[a]]]", {"a": 1, "l": [1, 2]}))
    write("mustache", "standalone-indent", mustache_input(
        "  {{>p}}\n\t{{#a}}\n    {{>p}}\n{{/a}}\n  {{<q}}\n  {{$b}}\n over\n  {{/b}}\n  {{/q}}\n",
        {"a": [1, 2]}, {"p": "line1\nline2\n  {{>p2}}\n", "q": " {{$b}}\n  default\n {{/b}}\n"}))
    write("mustache", "recursive-partial", mustache_input(
        "{{>node}}", {"name": "r", "kids": [{"name": "a", "kids": [{"name": "b", "kids": []}]}]},
        {"node": "{{name}}({{#kids}}{{>node}}{{/kids}})"}))
    write("mustache", "self-recursion", mustache_input("{{>p}}", {}, {"p": "x{{>p}}"}))
    write("mustache", "parent-recursion", mustache_input(
        "{{<p}}{{$b}}x{{/b}}{{/p}}", {}, {"p": "{{<p}}{{$b}}{{/b}}{{/p}}"}))
    write("mustache", "dynamic-names", mustache_input(
        "{{>*n}}{{>*bad}}{{>*num}}{{>*empty}}{{<*n}}{{$b}}o{{/b}}{{/n}}",
        {"n": "p", "bad": "../etc/passwd", "num": 3, "empty": ""}, {"p": "[{{$b}}d{{/b}}]"}))
    write("mustache", "dynamic-refused", mustache_input(
        "{{>*a}}|{{>*b}}|{{>*c}}", {"a": "/abs", "b": "a\\b", "c": "x\u0000y"}))
    write("mustache", "unreadable-partial", mustache_input(
        "{{>unreadable}}", {}))
    write("mustache", "unreadable-dynamic", mustache_input(
        "a{{>*n}}b", {"n": "unreadable"}))
    write("mustache", "partial-compile-error", mustache_input(
        "{{>p}}", {}, {"p": "{{#a}}"}))
    write("mustache", "dynamic-compile-error", mustache_input(
        "{{>*n}}", {"n": "p"}, {"p": "{{/x}}"}))
    write("mustache", "bad-partial-names", mustache_input(
        "{{>../x}}{{>/x}}{{>a\\b}}{{>a/../b}}{{>..}}{{> }}{{>}}", {}))
    write("mustache", "list-explosion", mustache_input(
        "{{#l}}" * 8 + "{{.}}" + "{{/l}}" * 8, {"l": list(range(30))}))
    write("mustache", "partial-explosion", mustache_input(
        "{{>a}}" * 40, {}, {"a": "{{>b}}" * 40, "b": "{{>c}}" * 40, "c": "xyz"}))
    write("mustache", "data-recursion", mustache_input(
        "{{>p}}", json.loads('{"a":' * 60 + 'false' + '}' * 60),
        {"p": "{{#a}}{{>p}}{{>p}}{{/a}}"}))
    write("mustache", "invalid-utf8", mustache_input(
        b"\xff{{a\xfe}}\xc3{{#\xed\xa0\x80}}x{{/\xed\xa0\x80}}", b'{"a\xfe": "\xff"}'))
    write("mustache", "bad-json", mustache_input("{{a}}", b'{"a": [1, 2'))
    write("mustache", "deep-json", mustache_input(
        "{{#a}}{{#a}}{{a}}{{/a}}{{/a}}", b'{"a":' + b"[" * 1500 + b"]" * 1500 + b"}"))
    write("mustache", "comments-and-triples", mustache_input(
        "{{! comment }}{{!\n multi\n}}{{{a}}}{{{ a }}}{{& a}}{{{a}}{{a}}}", {"a": "<x>"}))


# ---- qualifications ----------------------------------------------------------
# fuzz_qualification knows the units a, b (credit 3 and 2) and c (none).

def qualifications():
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*",
                                              "qualifications", "*.md"))):
        write("qualification", "seed-" + os.path.basename(path), read(path))
    write("qualification", "full.md",
          "---\nid: q\ntitle: Q\nnumber: 600/1234/5\nlevel: 2\ncredits: 5\n"
          "glh: 40\ntqt: 60\ngroups:\n  - id: A\n    title: Mandatory\n"
          "    units: [a]\n  - id: B\n    units: [b, c]\n    min_units: 1\n"
          "    max_units: 2\n    min_credits: 2\n    max_credits: 5\n"
          "barred:\n  - [b, c]\n---\nNotes, *with* [a link](x.html).\n")
    write("qualification", "flow.md",
          "---\n{id: q, title: Q, groups: [{id: A, units: a}], barred: [[a, b]]}\n---\n")
    write("qualification", "errors.md",
          "---\nid: q\ntitle: Q\ncredits: 1\ngroups:\n  - id: A\n"
          "    units: [a, zz, a]\n  - id: A\n    units: [c]\n    min_units: 9\n"
          "    max_units: 1\n  - {title: x}\n  - 7\nbarred:\n  - [a]\n  - b\n"
          "  - {a: b}\n---\n")
    write("qualification", "not-a-map.md", "---\n- a\n---\n")
    write("qualification", "groups-not-list.md",
          "---\nid: q\ntitle: Q\ngroups: {id: A}\nbarred: x\n---\n")
    write("qualification", "crlf.md",
          "\ufeff---\r\nid: q\r\ntitle: Q\r\ngroups:\r\n  - {id: A, units: [a]}\r\n---\r\nx\r")
    write("qualification", "invalid-utf8.md",
          b"---\nid: q\ntitle: \xff\n---\n")


# ---- standards ------------------------------------------------------------------

def standards():
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "standards", "*.json"))):
        write("standard", "seed-" + os.path.basename(path), read(path))
    small = {"referenceNumber": "ST1", "title": "T", "level": 2,
             "knowledges": [{"knowledgeId": "a", "detail": "Know *this* `x` [y]"}],
             "skills": [{"skillId": "b", "detail": "Do\nit"}],
             "behaviours": [{"behaviourId": "c", "detail": "Be <b>"}],
             "options": [{"optionId": "o", "title": "Opt"}],
             "duties": [{"dutyID": "d", "dutyDetail": "Duty", "isThisACoreDuty": 1,
                         "mappedKnowledge": ["a"], "mappedSkills": ["B"],
                         "mappedBehaviour": ["c"], "mappedOptions": ["o"]}]}
    write("standard", "small.json", json.dumps(small))
    broken = dict(small)
    broken["duties"] = [{"dutyID": "d", "dutyDetail": "Duty", "mappedSkills": ["nope", 3]}]
    write("standard", "unknown-guid.json", json.dumps(broken))
    write("standard", "missing-fields.json", json.dumps({"knowledges": [{}], "skills": {}}))
    write("standard", "not-object.json", "[1, 2, 3]")
    write("standard", "syntax.json", '{"referenceNumber": "ST1",\n "title": }')
    write("standard", "deep.json", "[" * 3000 + "]" * 3000)
    write("standard", "empty.json", "")
    write("standard", "invalid-utf8.json", b'{"title": "caf\xe9"}')
    write("standard", "nul.json", b'{"title": "a\\u0000b"}')


def configs():
    """folio.yml: the examples', every key, and ones that are wrong."""
    for path in ("examples/northgate/folio.yml", "examples/apprentices/folio.yml"):
        write("config", "seed-" + path.split("/")[1] + ".yml", read(path))
    write("config", "every-key.yml", """name: Northgate Training
number: "12345"
today: 2026-06-30
date_format: long
paths:
  units: ../../units
  qualifications: qualifications
  learners: learners.csv
  evidence: evidence
  assessors: assessors.csv
  iqa: iqa.csv
  signoffs: signoffs.csv
  otj: otj
  reviews: reviews.csv
encoding:
  "evidence/sp-2026.csv": windows-1252
  "evidence/*.csv": utf-8
sampling:
  high: 100%
  medium: 50
  low: 25%
  seed: 7
signoff: [assessor, learner, iqa, employer]
claims:
  summative_sample: true
otj:
  standard_from: 2025-08-01
  weekly_from: 2022-08-01
  weekly_hours: 6
  full_time_hours: 30
  percent: 20
  leave_weeks: 5.6
reviews:
  every_weeks: 12
caseload:
  behind: 90%
  quiet_weeks: 8
""")
    write("config", "encoding-one.yml", "encoding: windows-1252\n")
    write("config", "wrong-values.yml", """sampling: {high: 140%, medium: -5, low: half, seed: -1}
signoff: [learner, countersign, nobody]
otj: {percent: 101, weekly_hours: lots, leave_weeks: -1}
caseload: {behind: 200%, quiet_weeks: 0}
today: 2026-02-30
date_format: sideways
paths: [units]
unknown: 1
""")
    write("config", "not-a-map.yml", "- name\n- number\n")
    write("config", "empty.yml", "")
    write("config", "invalid-utf8.yml", b"name: caf\xe9\n")
    write("config", "nul.yml", b"name: a\x00b\n")
    write("config", "anchors.yml", "paths: &p {units: u}\nsampling: *p\nname: !!binary aGk=\n")
    write("config", "deep.yml", "name: " + "[" * 2000 + "]" * 2000 + "\n")


def centres():
    """Whole centres for fuzz_centre: files joined by NUL bytes, on the
    fixed units t and u (tests/fuzz/fuzz.h gives the layout)."""
    learners = ("learner,name,registration,cohort,assessor,start,units,planned_end,"
                "otj_planned,otj_rpl,hours_per_week,status,end,breaks,employer\n"
                "l1,Amy Bell,R1,C1,KM,2025-09-01,t u,2026-11-30,300,,37.5,,,,Acme\n"
                "l2,Ben Cole,R2,C1,SP,2025-10-06,t,2026-12-18,280,20,30,break,,"
                "2026-02-01..2026-03-01,\n"
                "l3,Cy Dunn,R3,,KM,2026-01-05,u,,,,,withdrawn,2026-05-01,,\n")
    evidence = ("learner,unit,ref,date,method,criteria,requirements,summary,assessor,"
                "simulated,location\n"
                "l1,t,O/01,2026-01-10,O,1.1 1.2,2a,\"Observed *well*: [a](b)\",KM,no,Shop\n"
                "l1,t,Q/02,2026-02-10,Q,1.2,,\"Asked \"\"why\"\"\",KM,,\n"
                "l1,u,WP/03,2026-03-10,O,1.1,,Did it,KM,yes,\n"
                "l2,t,O/01,2026-07-01,O,1.1,,In the future,SP,,\n"
                "l2,t,PD/02,2025-01-01,PD,1.9,3z,Before the start,SP,,\n"
                "l4,t,X,2026-01-01,O,1.1,,Unknown learner,KM,,\n")
    assessors = ("initials,name,role,risk,qualified,countersign_by\n"
                 "KM,Karen Moss,assessor,low,2013-06-14,\n"
                 "SP,Sunita Patel,assessor,high,,KM\n"
                 "LT,Lee Tran,iqa,,,\n")
    iqa = ("learner,unit,date,iqa,kind,decision,feedback,action,due\n"
           "l1,t,2026-03-24,LT,interim,agreed,Fine,,\n"
           "l2,t,2026-05-05,LT,summative,referred,Not yet,Add more,2026-06-01\n")
    signoffs = ("learner,unit,role,who,date,digest,signature,note\n"
                "l1,t,assessor,KM,2026-06-01,sha256:" + "0" * 64 + ",,\n"
                "l1,t,learner,l1,2026-06-02,,,\n")
    otj = ("learner,date,hours,activity,ksbs,ref,verified_by\n"
           "l1,2026-01-01,10,Shadowing,S1 B1,,KM\n"
           "l2,2026-02-15,7.5,On a break,K2,,employer: Acme\n"
           "l2,2026-03-01,-3,Negative,,,\n")
    reviews = ("learner,date,by,next_review,employer,progress,otj_discussed,actions\n"
               "l1,2025-11-24,KM,2026-02-16,Sam,Fine,yes,Book\n"
               "l2,2026-01-10,SP,2025-12-01,,Late,maybe,\n")
    folio = ("name: Fuzz Centre\nnumber: \"1\"\nsampling: {high: 100%, low: 50%, seed: 3}\n"
             "signoff: [assessor, learner]\nclaims: {summative_sample: true}\n"
             "otj: {standard_from: 2030-01-01}\n")
    qualification = ("---\nid: q\ntitle: Q\nnumber: 600/0000/1\ncredits: 6\n"
                     "groups:\n  - id: A\n    units: [t]\n  - id: B\n"
                     "    min_units: 1\n    units: [u]\n---\nRules.\n")
    files = [learners, evidence, assessors, iqa, signoffs, otj, reviews, folio,
             qualification]
    write("centre", "every-file", "\0".join(files))
    write("centre", "learners-and-evidence", "\0".join(files[:2]))
    write("centre", "empty-files", "\0" * 8)
    write("centre", "nothing", "")
    write("centre", "ragged", "\0".join(f.replace(",", ",,", 3) for f in files))
    write("centre", "qualification-without-file",
          "learner,name,assessor,units,start,qualification\n"
          "l1,Amy,KM,,2026-01-01,\nl2,Bo,KM,,2026-01-01,q\nl3,Cy,KM,t,2026-01-01,q;r\n")


def records():
    """A site's record (src/write/record.h), as builds write it and not."""
    head = "folio-pages 3\nentries %d\n"
    line = "%016x %016x %016x %s%s\n"
    write("record", "site", head % 112 + "".join(
        line % (i * 0x9e3779b97f4a7c15 % 2**64, i, 2**64 - 1 - i, "L%05d" % i,
                " misses" if i % 7 == 0 else "") for i in range(20)))
    write("record", "misses", head % 12 +
          line % (0xa1, 0xb2, 0xc3, "amy", " misses") +
          line % (0x0123456789abcdef, 0xfedcba9876543210, 0, "bo", ""))
    write("record", "head-only", head % 0)
    write("record", "upper-case", head % 1 + "00000000000000A1 " * 3 + "amy\n")
    write("record", "nul-in-line", (head % 1 + line % (1, 2, 3, "amy", "")).encode()
          .replace(b"0000000000000002", b"00000\x000000000002"))
    write("record", "no-break", head % 1 + (line % (1, 2, 3, "amy", ""))[:-1])
    write("record", "duplicate-ids", head % 2 + line % (1, 2, 3, "amy", "") * 2)


if __name__ == "__main__":
    units()
    qualifications()
    standards()
    csvs()
    mustaches()
    configs()
    centres()
    records()
    for kind in ("unit", "qualification", "standard", "csv", "mustache", "config",
                 "centre", "record"):
        print(kind, len(os.listdir(os.path.join(OUT, kind))), "files")
