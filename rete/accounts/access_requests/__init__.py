"""Asking for an account of the reserved area: the public request, the e-mail
verification, and its review by the Department or the territory's referent."""
