"""ferminetlike: a FermiNet-style neural wavefunction with its own ParamTree alias."""
