// The DesiredState module's public surface is being written; see the helpers' reports.
