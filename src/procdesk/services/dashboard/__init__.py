"""The typed reads and small actions the dashboard needs; the TUI issues no SQL or HTTP.

`reads` pages the three tables and builds the header; `detail` one row's detail;
`issues` dismisses issues and retries what they affect; `availability` asks a distributor
about an order; `feed` wakes dashboards on PostgreSQL; `internal_errors` turns an
unexpected failure into an issue.
"""
