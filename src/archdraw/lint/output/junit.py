"""JUnit XML: one test suite per file, one failing test case per finding.

CI systems that only read JUnit (GitLab, Jenkins, Azure) show each finding as
a failed test named after its rule and element. A clean file gets one passing
case so it is visible as checked; a file that did not load, one errored case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archdraw.lint.output import FileResult, position
from archdraw.source import printable


def render(results: list[FileResult]) -> str:
    suites = ET.Element("testsuites", name="archdraw lint")
    total = failures = errors = 0
    for result in results:
        # XML 1.0 cannot hold most control characters at all: show them as escapes.
        path = printable(result.path)
        suite = ET.SubElement(suites, "testsuite", name=path)
        count = max(1, len(result.findings))
        suite.set("tests", str(count))
        suite.set("failures", str(len(result.findings)))
        suite.set("errors", "1" if result.problems else "0")
        total += count
        failures += len(result.findings)
        if result.problems:
            errors += 1
            case = ET.SubElement(suite, "testcase", name="load", classname=path)
            first = result.problems[0]
            error = ET.SubElement(
                case, "error", message=printable(first.message), type="invalid design"
            )
            error.text = "\n".join(str(p) for p in result.problems)  # str() is printable
        elif not result.findings:
            ET.SubElement(suite, "testcase", name="lint", classname=path)
        for finding in result.findings:
            line, column = position(finding)
            where = printable(finding.element or "design")
            message = printable(finding.message)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name} ({where})",
                classname=path,
                file=path,
                line=str(line),
            )
            failure = ET.SubElement(case, "failure", message=message, type=str(finding.severity))
            failure.text = (
                f"{path}:{line}:{column}: {finding.code} [{finding.severity}] "
                f"{message}\n\nWhy: {finding.rule.why}\n\nFix: {finding.rule.fix}"
            )
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
