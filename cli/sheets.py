"""`liudong export register|inflow-register` and `liudong import register|inflow-register`:
the register and the 流入党员台账 to and from spreadsheets ([docs/spreadsheets.md])."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from cli.progress import progress_bar
from domain.commands import RecordFullExport
from domain.errors import LedgerError
from service.bootstrap import build_service, require_store
from service.process import Service
from service.settings import get_settings
from sheets.export import cells, csv_lines, export_register, personal_data, register_rows
from sheets.importer import ImportReport, import_sheet
from sheets.inflow_export import export_inflow_register
from sheets.inflow_import import import_inflow_sheet
from sheets.limits import LIMITS

__all__ = ["add_commands"]

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
export_app = typer.Typer(help="导出：台账、流入党员台账", no_args_is_help=True)
import_app = typer.Typer(help="导入：旧台账、流入党员台账", no_args_is_help=True)


def _progress() -> Progress:
    return progress_bar(err)


def _service() -> Service:
    settings = get_settings()
    require_store(settings, with_county=True)  # a mistyped store name does not become an empty store
    service = build_service(settings)
    service.runner.up_to_date()
    return service


@export_app.command("register")
def export_register_command(
        file: Annotated[Path, typer.Argument(help="输出文件：.xlsx 或 .csv")],
        org: Annotated[UUID | None, typer.Option(help="组织（含下级），默认全县")] = None,
        full: Annotated[bool, typer.Option("--full", help="迁移导出：含完整身份证号和电话（仅县委组织部管理员，记入审计）")] = False,
        actor: Annotated[UUID | None, typer.Option("--as", help="办理人（--full 时必填）")] = None,
        reason: Annotated[str, typer.Option(help="--full 的导出理由")] = "迁移导出") -> None:
    """导出台账（Excel 含统计、待办提示工作表；CSV 为 UTF-8 带 BOM）。"""
    service = _service()
    filters = {"org_id": org}
    if full:
        _record_full_export(service, actor, org, reason, lambda: service.queries.register(org_id=org, size=1).total)
    try:
        written = _export(service, filters, file, full)
    except LedgerError as error:  # e.g. an unknown organisation: refused before the file is written
        err.print(f"[red]未导出[/red]：{error.text}")
        raise typer.Exit(1) from None
    service.close()
    console.print(f"已导出到 {file}" + (f"（{written} 行）" if written is not None else ""))


def _record_full_export(service: Service, actor: UUID | None, org: UUID | None, reason: str,
                        rows: Callable[[], int]) -> None:
    """A migration export carries personal data: recorded in the audit trail first (county admin only)."""
    if actor is None:
        err.print("[red]--full 须用 --as 指明县委组织部管理员[/red]")
        raise typer.Exit(2)
    try:
        service.ledger.execute(actor, RecordFullExport(org_id=org, rows=rows(), reason=reason))
    except LedgerError as error:
        err.print(f"[red]未导出[/red]：{error.text}")
        raise typer.Exit(1) from None


@export_app.command("inflow-register")
def export_inflow_command(
        file: Annotated[Path, typer.Argument(help="输出文件：.xlsx")],
        org: Annotated[UUID | None, typer.Option(help="接收党组织（含下级），默认全县")] = None,
        full: Annotated[bool, typer.Option("--full", help="迁移导出：含完整身份证号和电话（仅县委组织部管理员，记入审计）")] = False,
        actor: Annotated[UUID | None, typer.Option("--as", help="办理人（--full 时必填）")] = None,
        reason: Annotated[str, typer.Option(help="--full 的导出理由")] = "迁移导出") -> None:
    """导出流入党员台账（Excel，一个工作表“流入党员台账”；--full 的文件可再导入）。"""
    if file.suffix.lower() != ".xlsx":
        err.print("[red]未导出[/red]：流入党员台账只导出为 .xlsx")
        raise typer.Exit(2)
    service = _service()
    filters = {"org_id": org}
    if full:
        _record_full_export(service, actor, org, f"流入党员台账：{reason}",
                            lambda: service.queries.inflow_members(org_id=org, size=1).total)
    try:
        with _progress() as progress:
            task = progress.add_task("导出流入党员台账", total=None)
            written = export_inflow_register(service, filters, file, full=full, progress=lambda done, total:
                                             progress.update(task, completed=done, total=total))
    except LedgerError as error:  # e.g. an unknown organisation: refused before the file is written
        err.print(f"[red]未导出[/red]：{error.text}")
        raise typer.Exit(1) from None
    service.close()
    console.print(f"已导出到 {file}（{written} 行）")


def _export(service: Service, filters: dict[str, UUID | None], file: Path, full: bool) -> int | None:
    """Writes the export with a progress bar; the number of rows written to an xlsx."""
    with _progress() as progress:
        task = progress.add_task("导出台账", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        if file.suffix.lower() != ".csv":
            return export_register(service, filters, file, as_of=service.today(), full=full, progress=advance)
        found = register_rows(service.queries, filters, advance)
        with file.open("w", encoding="utf-8", newline="") as out:
            rows = (cells(r, personal_data(service.queries, r["member_id"]) if full else None) for r in found)
            for line in csv_lines(rows):
                out.write(line)
        return None


@import_app.command("register")
def import_register_command(
        file: Annotated[Path, typer.Argument(help="旧台账 .xlsx 文件")],
        actor: Annotated[UUID, typer.Option("--as", help="办理人（县委组织部管理员）")],
        dry_run: Annotated[bool, typer.Option("--dry-run/--no-dry-run", help="只检查不保存")] = False,
        mapping: Annotated[Path | None, typer.Option(help="表头映射文件（JSON：{\"表中表头\": \"台账列名\"}）")] = None,
        report_file: Annotated[Path | None, typer.Option("--report", help="把报告另存为 JSON")] = None) -> None:
    """导入旧台账：先检查每一行；--dry-run 只出报告；否则全部导入或全不导入，已在台账中的党员跳过。"""
    service = _service()
    overrides = json.loads(mapping.read_text(encoding="utf-8")) if mapping else None
    try:
        with _progress() as progress:
            task = progress.add_task("检查并导入" if not dry_run else "试导入", total=None)
            report = import_sheet(service.ledger, actor, _read(file), file.name, dry_run=dry_run,
                                  overrides=overrides,
                                  progress=lambda done, total: progress.update(task, completed=done, total=total))
    except LedgerError as error:
        err.print(f"[red]无法导入[/red]：{error.text}")
        raise typer.Exit(1) from None
    _finish(service, report, report_file)


@import_app.command("inflow-register")
def import_inflow_command(
        file: Annotated[Path, typer.Argument(help="流入党员台账 .xlsx 文件（须含完整身份证号和电话，如 --full 导出的）")],
        actor: Annotated[UUID, typer.Option("--as", help="办理人（县委组织部管理员）")],
        dry_run: Annotated[bool, typer.Option("--dry-run/--no-dry-run", help="只检查不保存")] = False,
        report_file: Annotated[Path | None, typer.Option("--report", help="把报告另存为 JSON")] = None) -> None:
    """导入流入党员台账：先检查每一行；--dry-run 只出报告；否则全部导入或全不导入，已登记的流入党员跳过。"""
    service = _service()
    try:
        with _progress() as progress:
            task = progress.add_task("检查并导入" if not dry_run else "试导入", total=None)
            report = import_inflow_sheet(service.ledger, actor, _read(file), file.name, dry_run=dry_run,
                                         progress=lambda done, total: progress.update(task, completed=done,
                                                                                      total=total))
    except LedgerError as error:
        err.print(f"[red]无法导入[/red]：{error.text}")
        raise typer.Exit(1) from None
    _finish(service, report, report_file)


def _finish(service: Service, report: ImportReport, report_file: Path | None) -> None:
    """Brings the views up to date, keeps the report if asked, and prints it; exit 1 if a row was refused."""
    if report.stored_to:
        service.runner.up_to_date()
    service.close()
    if report_file:
        report_file.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str),
                               encoding="utf-8")
    if report.refused:
        table = Table("行", "列", "规则", "说明", title="不符合要求的行")
        for r in report.refused:
            table.add_row(str(r.row), r.column or "", r.rule, r.message)
        err.print(table)
    console.print(report.summary)
    if report.refused:
        raise typer.Exit(1)


def _read(file: Path) -> bytes:
    """The file, or as much of it as shows that it is over the size limit (the import refuses it)."""
    with file.open("rb") as source:
        return source.read(LIMITS.file_bytes + 1)


def add_commands(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
