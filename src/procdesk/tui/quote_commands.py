"""The command palette's way to a quote: "Quotes" opens a picker of every quote (most
recently changed first); typing a quote's number, company or title finds it directly."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand

from procdesk.domain.quote import QuoteSummary
from procdesk.domain.text import shown
from procdesk.services.display import words
from procdesk.tui.desk import desk

PICKER_TITLE = "Quotes: open one quote's lines, charges and orders (picker)"


def quote_title(quote: QuoteSummary) -> str:
    return (
        f"Quote {shown(quote.id)} — {shown(quote.company_name)} — {shown(quote.title)} "
        f"({words(quote.status)}, {quote.line_count} lines)"
    )


class QuoteCommands(Provider):
    async def startup(self) -> None:
        from procdesk.services.dashboard.quote_view import quote_choices

        self.quotes = await quote_choices(desk(self.app).context.ledger)

    def _open(self, quote_id: str) -> None:
        desk(self.app).open_quote(quote_id)

    async def _picker(self) -> None:
        commands = [
            SimpleCommand(quote_title(q), lambda q=q: self._open(q.id), None) for q in self.quotes
        ]
        if not commands:
            self.app.notify("No quotes yet: `procdesk quotes import FILE` adds them.")
            return
        await self.app.search_commands(commands, placeholder="Quote number, company or title …")

    def _run_picker(self) -> None:
        self.app.run_worker(self._picker(), group="palette", exit_on_error=False)

    async def discover(self) -> Hits:
        yield DiscoveryHit(PICKER_TITLE, self._run_picker, help="every quote, newest first")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        if (score := matcher.match(PICKER_TITLE)) > 0:
            yield Hit(score, matcher.highlight(PICKER_TITLE), self._run_picker)
        for quote in self.quotes:
            title = quote_title(quote)
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), lambda q=quote: self._open(q.id))
