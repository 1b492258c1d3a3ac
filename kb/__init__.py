"""kb: a fact-check and claim-tracking knowledge base.

News articles go in; who said what, when, how and about what comes out as RDF with
provenance down to the character.
"""

__version__ = "0.1.0"
