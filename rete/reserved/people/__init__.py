"""The reviewers' screens: access requests to review, accounts and their grants."""
