//! The published-table model: cells with counts and `total = sum(parts)` constraints.

use std::collections::HashSet;
use std::fmt;

/// The suppression rules for one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Smallest count that may be published; counts from 1 to `min_cell - 1` are primary
    /// suppressed. Default 11. A value of 0 or 1 disables primary suppression of positive counts.
    pub min_cell: u64,
    /// Whether a zero count may be published (default `true`). When `false`, zeros are
    /// primary suppressed like small counts.
    pub zeros_publishable: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            min_cell: 11,
            zeros_publishable: true,
        }
    }
}

impl Rules {
    /// Whether a count with this value must be hidden for its own sake (primary suppression).
    pub fn is_sensitive(&self, value: u64) -> bool {
        if value == 0 {
            !self.zeros_publishable
        } else {
            value < self.min_cell
        }
    }
}

/// What happens to one cell of a protected table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellStatus {
    /// The value is shown.
    Published,
    /// Hidden because the value itself is a small count (or a zero, when zeros are not publishable).
    Primary,
    /// Hidden so that no primary cell can be worked out from what is published.
    Secondary,
}

impl CellStatus {
    /// Whether the value is withheld (primary or secondary).
    pub fn is_hidden(self) -> bool {
        !matches!(self, CellStatus::Published)
    }
}

/// One published relation between cells: the value of `total` equals the sum of `parts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    total: usize,
    parts: Vec<usize>,
}

impl Constraint {
    /// The cell holding the total.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The cells that add up to the total.
    pub fn parts(&self) -> &[usize] {
        &self.parts
    }

    /// Every cell of the line: the total first, then the parts.
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }
}

/// Why a constraint could not be added to a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// A cell index is not in the table.
    UnknownCell(usize),
    /// The constraint has no parts.
    NoParts,
    /// A cell appears twice in the same constraint (including the total among its parts).
    RepeatedCell(usize),
    /// The values do not satisfy the constraint: the total differs from the sum of the parts.
    Inconsistent {
        /// The total cell.
        total: usize,
        /// Its value.
        total_value: u64,
        /// The sum of the parts' values.
        parts_sum: u128,
    },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::UnknownCell(c) => write!(f, "cell {c} is not in the table"),
            TableError::NoParts => write!(f, "a total must have at least one part"),
            TableError::RepeatedCell(c) => write!(f, "cell {c} appears twice in one constraint"),
            TableError::Inconsistent {
                total,
                total_value,
                parts_sum,
            } => write!(
                f,
                "cell {total} holds {total_value} but its parts add up to {parts_sum}"
            ),
        }
    }
}

impl std::error::Error for TableError {}

/// A published aggregate table: cell values and the linear relations an attacker knows.
///
/// Several tables that share cells (two tables with a common total, periods and a period
/// total, an area hierarchy) are modelled as one `Table` holding all their constraints.
/// Every constraint is checked against the values when added, so a `Table` is always consistent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    values: Vec<u64>,
    constraints: Vec<Constraint>,
    /// Cells that are never published and need no protection themselves (see
    /// [`Table::add_unpublished_cell`]).
    unpublished: Vec<bool>,
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Table::default()
    }

    /// Adds a cell holding a count and returns its index.
    pub fn add_cell(&mut self, value: u64) -> usize {
        self.values.push(value);
        self.unpublished.push(false);
        self.values.len() - 1
    }

    /// Adds a cell that is never published and need not be protected itself: a count that
    /// links published cells without being shown, such as the yearly total of one table that
    /// equals the total by form of another. [`crate::protect`] keeps it hidden and
    /// [`crate::audit`] treats it as an unknown that may be worked out.
    pub fn add_unpublished_cell(&mut self, value: u64) -> usize {
        let cell = self.add_cell(value);
        self.unpublished[cell] = true;
        cell
    }

    /// Whether a cell was added with [`Table::add_unpublished_cell`].
    pub fn is_unpublished(&self, cell: usize) -> bool {
        self.unpublished.get(cell).copied().unwrap_or(false)
    }

    /// Adds the constraint `total = sum(parts)` after checking indices and values.
    pub fn add_constraint(&mut self, total: usize, parts: &[usize]) -> Result<(), TableError> {
        if parts.is_empty() {
            return Err(TableError::NoParts);
        }
        let mut seen = HashSet::with_capacity(parts.len() + 1);
        for &c in std::iter::once(&total).chain(parts) {
            if c >= self.values.len() {
                return Err(TableError::UnknownCell(c));
            }
            if !seen.insert(c) {
                return Err(TableError::RepeatedCell(c));
            }
        }
        let parts_sum: u128 = parts.iter().map(|&p| u128::from(self.values[p])).sum();
        let total_value = self.values[total];
        if u128::from(total_value) != parts_sum {
            return Err(TableError::Inconsistent {
                total,
                total_value,
                parts_sum,
            });
        }
        self.constraints.push(Constraint {
            total,
            parts: parts.to_vec(),
        });
        Ok(())
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table has no cells.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value of every cell, by index.
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The value of one cell, if it exists.
    pub fn value(&self, cell: usize) -> Option<u64> {
        self.values.get(cell).copied()
    }

    /// All constraints, in the order they were added.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// For each cell, the indices of the constraints it takes part in.
    pub fn lines_of_cells(&self) -> Vec<Vec<usize>> {
        let mut lines = vec![Vec::new(); self.values.len()];
        for (k, con) in self.constraints.iter().enumerate() {
            for c in con.cells() {
                lines[c].push(k);
            }
        }
        lines
    }
}
