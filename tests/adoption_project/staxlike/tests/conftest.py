import os
import sys

# The examples import as `examples.*` and the library as `staxlike.*` from the corpus root.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
