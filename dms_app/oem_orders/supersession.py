"""Part supersession chains (no database access): an OEM part number replaced by a newer one,
possibly several times over. Following a chain ends at the current part; a loop is refused."""

from collections.abc import Callable


class SupersessionLoop(ValueError):
	def __init__(self, chain: list[str]):
		self.chain = chain
		super().__init__(" → ".join(chain))


def chain_of(part: str, superseded_by: Callable[[str], str | None], limit: int = 100) -> list[str]:
	"""[part, its replacement, …, the current part]; raises SupersessionLoop when the chain comes back."""
	chain = [part]
	seen = {part}
	while (nxt := superseded_by(chain[-1])) and len(chain) <= limit:
		chain.append(nxt)
		if nxt in seen:
			raise SupersessionLoop(chain)
		seen.add(nxt)
	return chain
