"""aidlod publishes development-aid project records as five-star linked open data.

The pipeline runs one way, one module per stage: ``records`` (load and check YAML) → ``mapping``
(RDF graph) → ``validate`` (SHACL) → ``dumps`` (Turtle, N-Triples, JSON-LD) → ``publish`` (atomic
output folder); ``build`` strings them together and ``cli`` is a thin command line over it.
"""

__version__ = "0.1.0"
