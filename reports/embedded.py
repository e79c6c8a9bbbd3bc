"""The files a report carries inside its PDF (PDF/A-3 associated files), so a reader can check
that the printed figures follow from the inputs (``lcity verify``).

The names inside the PDF are fixed (``assessment.yaml``, ``review-1.yaml`` …, ``result.json``):
the user's file names and paths are not needed to re-score and would leak a local folder layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from evaluator.result import Result

ASSESSMENT = "assessment.yaml"
#: the name when the assessment was read from a workbook (lcity's spreadsheet form): its bytes as read
ASSESSMENT_XLSX = "assessment.xlsx"
RESULT = "result.json"
REVIEW_PREFIX = "review-"


@dataclass(frozen=True)
class Embedded:
    """One embedded file: its name in the PDF, its bytes and its relation to the report
    (PDF/A-3 AFRelationship: Source for the inputs, Data for the Result)."""

    name: str
    data: bytes
    relationship: str = "Source"
    description: str = ""


def review_name(i: int) -> str:
    return f"{REVIEW_PREFIX}{i}.yaml"


def input_files(assessment: Path, reviews: Iterable[Path] = ()) -> list[Embedded]:
    """The assessment and review files as they are on disk now (read again after scoring: a file
    changed in between shows up in ``lcity verify`` as a SHA-256 that does not match)."""
    from indicators.safeyaml import read_bytes

    if str(assessment) == "-":  # lcity report - : the bytes read from standard input
        from evaluator.reading import read_stdin

        data = read_stdin()
    else:  # bounded like the first reading: a file swapped for a huge one meanwhile is refused
        data = read_bytes(assessment)
    name = ASSESSMENT_XLSX if data[:4] == b"PK\x03\x04" else ASSESSMENT
    files = [Embedded(name, data, "Source", "self-assessment (input)")]
    files += [Embedded(review_name(i), read_bytes(r), "Source", "expert review (input)")
              for i, r in enumerate(reviews, start=1)]
    return files


def with_result(inputs: list[Embedded], result: "Result") -> list[Embedded]:
    """The inputs and the Result they were scored to; without inputs nothing is embedded (a
    Result alone cannot be re-scored)."""
    if not inputs:
        return []
    prov = result.provenance
    if prov.input_file:  # the file's name, not the folder it was read from on this machine
        result = result.model_copy(update={"provenance": prov.model_copy(
            update={"input_file": PurePath(prov.input_file).name})})
    data = result.model_dump_json(indent=2).encode("utf-8")
    return [*inputs, Embedded(RESULT, data, "Data", "scored Result (JSON)")]


def _moment(created: str | None) -> datetime:
    """The report date at midnight UTC: attachments carry dates, and the PDF stays reproducible."""
    if created:
        return datetime.fromisoformat(created).replace(tzinfo=timezone.utc)
    return datetime(2000, 1, 1, tzinfo=timezone.utc)


def attachments(files: list[Embedded], created: str | None) -> list:
    """WeasyPrint attachments for ``files``, from bytes in memory (no URL is ever fetched)."""
    from io import BytesIO

    from weasyprint import Attachment

    when = _moment(created)
    return [Attachment(file_obj=BytesIO(f.data), name=f.name, description=f.description, created=when,
                       modified=when, relationship=f.relationship) for f in files]
