"""The reserved area's statistics: the releases a person may read, each area of their scope
with its detailed tables, and the downloads of those tables. Every read and download of an
area's tables is audited."""
