"""Reports: the fused ledger as one self-contained HTML file (`report.html.render`)."""
