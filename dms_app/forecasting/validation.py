"""Input checks shared by the public functions.

Messages are plain English format strings kept in one place, so the app can translate them later.
"""

import numpy as np

EMPTY_HISTORY = "Demand history of series {0} is empty: at least one period is needed."
NOT_ONE_DIMENSIONAL = "Demand history of series {0} must be a one-dimensional sequence of numbers."
NOT_FINITE = "Demand history of series {0} has a missing or infinite value at period {1}."
NEGATIVE = "Demand history of series {0} has a negative value ({1}) at period {2}."
BAD_INTEGER = "{0} must be a whole number of at least 1, got {1!r}."
UNKNOWN_METHOD = "Unknown forecasting method {0!r}; choose one of: {1}."


def check_positive_int(value, name):
	if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
		raise ValueError(BAD_INTEGER.format(name, value))
	return int(value)


def group_by_length(histories):
	"""Validate ``histories`` (a 2-D array or a sequence of sequences) and group the series by length.

	Returns a list of ``(indices, values)``: the positions of the series in the input and their
	(len(indices), length) float array, ready for the vectorised methods.
	"""
	if isinstance(histories, np.ndarray) and histories.ndim == 2:
		groups = [(np.arange(len(histories)), histories.astype(float))] if len(histories) else []
	else:
		groups = _group_rows(histories)
	for indices, values in groups:
		_check_values(values, indices)
	return groups


def _group_rows(histories):
	rows = [np.asarray(history, dtype=float) for history in histories]
	for index, row in enumerate(rows):
		if row.ndim != 1:
			raise ValueError(NOT_ONE_DIMENSIONAL.format(index))
	lengths = np.array([len(row) for row in rows], dtype=int)
	groups = []
	for length in np.unique(lengths):
		indices = np.flatnonzero(lengths == length)
		groups.append((indices, np.array([rows[i] for i in indices]).reshape(len(indices), length)))
	return groups


def _check_values(values, indices):
	if values.shape[1] == 0:
		raise ValueError(EMPTY_HISTORY.format(indices[0]))
	bad = ~np.isfinite(values)
	if bad.any():
		row, period = np.argwhere(bad)[0]
		raise ValueError(NOT_FINITE.format(indices[row], period))
	negative = values < 0
	if negative.any():
		row, period = np.argwhere(negative)[0]
		raise ValueError(NEGATIVE.format(indices[row], values[row, period], period))
