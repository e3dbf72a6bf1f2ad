//! Builds a [`Table`] from rows of a multi-dimensional cube with totals and hierarchies.

use crate::table::{Table, TableError};
use std::collections::HashMap;
use std::fmt;

/// Why a cube could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CubeError {
    /// Two dimensions have the same name.
    DuplicateDimension(String),
    /// No dimension has this name.
    UnknownDimension(String),
    /// A row key has the wrong number of codes.
    WrongArity {
        /// Number of dimensions.
        expected: usize,
        /// Number of codes given.
        got: usize,
    },
    /// The same key was added twice.
    DuplicateRow(Vec<String>),
    /// A code was given two different parents.
    ParentConflict {
        /// Dimension name.
        dimension: String,
        /// The child code.
        code: String,
    },
    /// A parent link would make a cycle (or a code its own parent).
    HierarchyCycle {
        /// Dimension name.
        dimension: String,
        /// The child code.
        code: String,
    },
    /// The total code of a dimension cannot have a parent.
    TotalHasParent {
        /// Dimension name.
        dimension: String,
        /// The total code.
        code: String,
    },
    /// The data break a total: the total row differs from the sum of its part rows.
    Inconsistent {
        /// Dimension along which the total is taken.
        dimension: String,
        /// Key of the total row.
        total: Vec<String>,
        /// Its value.
        total_value: u64,
        /// Sum of the part rows present in the data.
        parts_sum: u128,
    },
}

impl fmt::Display for CubeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CubeError::DuplicateDimension(d) => write!(f, "dimension {d:?} is listed twice"),
            CubeError::UnknownDimension(d) => write!(f, "no dimension named {d:?}"),
            CubeError::WrongArity { expected, got } => {
                write!(f, "a row needs {expected} codes, got {got}")
            }
            CubeError::DuplicateRow(k) => write!(f, "row {k:?} appears twice"),
            CubeError::ParentConflict { dimension, code } => {
                write!(f, "{dimension}: {code:?} has two parents")
            }
            CubeError::HierarchyCycle { dimension, code } => {
                write!(f, "{dimension}: the parent of {code:?} makes a cycle")
            }
            CubeError::TotalHasParent { dimension, code } => {
                write!(f, "{dimension}: the total {code:?} cannot have a parent")
            }
            CubeError::Inconsistent {
                dimension,
                total,
                total_value,
                parts_sum,
            } => write!(
                f,
                "{dimension}: row {total:?} holds {total_value} but its parts add up to {parts_sum}"
            ),
        }
    }
}

impl std::error::Error for CubeError {}

/// One dimension: its name, optional total code and child -> parent links.
#[derive(Debug, Clone, Default)]
struct Dimension {
    name: String,
    total: Option<String>,
    parent: HashMap<String, String>,
}

impl Dimension {
    /// The code whose row sums this code's rows: the hierarchy parent if any, otherwise the
    /// total code (unless this is the total).
    fn parent_of(&self, code: &str) -> Option<&str> {
        if let Some(p) = self.parent.get(code) {
            return Some(p);
        }
        match &self.total {
            Some(t) if t != code => Some(t),
            _ => None,
        }
    }

    /// Whether `ancestor` is `code` or above it in the explicit hierarchy.
    fn reaches(&self, code: &str, ancestor: &str) -> bool {
        let mut cur = code;
        for _ in 0..=self.parent.len() {
            if cur == ancestor {
                return true;
            }
            match self.parent.get(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        true
    }
}

/// Collects cube rows and turns them into a [`Table`] with every `total = sum(parts)`
/// constraint implied by the dimensions' total codes and hierarchies.
///
/// For each dimension and each row, the row's parent code (hierarchy parent, else the
/// dimension's total code) with the other coordinates unchanged names the total row; when
/// that row exists, the row is one of its parts. A total row absent from the data yields no
/// constraint; part rows absent from the data are taken as not part of the sum, so the
/// present parts must add up to the total or [`CubeBuilder::build`] fails. Every published
/// figure, including computed totals, must be added as a row so that it is audited.
#[derive(Debug, Clone, Default)]
pub struct CubeBuilder {
    dims: Vec<Dimension>,
    keys: Vec<Vec<String>>,
    values: Vec<u64>,
    index: HashMap<Vec<String>, usize>,
}

impl CubeBuilder {
    /// A builder for a cube with these dimension names, in key order.
    pub fn new<S: AsRef<str>>(dimensions: &[S]) -> Result<Self, CubeError> {
        let mut dims: Vec<Dimension> = Vec::with_capacity(dimensions.len());
        for d in dimensions {
            let name = d.as_ref().to_string();
            if dims.iter().any(|x| x.name == name) {
                return Err(CubeError::DuplicateDimension(name));
            }
            dims.push(Dimension {
                name,
                ..Dimension::default()
            });
        }
        Ok(CubeBuilder {
            dims,
            ..CubeBuilder::default()
        })
    }

    /// Declares the code that stands for "all" in a dimension (e.g. "Tổng" or "Total").
    pub fn set_total(&mut self, dimension: &str, code: &str) -> Result<(), CubeError> {
        let d = self.dim_mut(dimension)?;
        if d.parent.contains_key(code) {
            return Err(CubeError::TotalHasParent {
                dimension: dimension.to_string(),
                code: code.to_string(),
            });
        }
        d.total = Some(code.to_string());
        Ok(())
    }

    /// Declares that rows with code `child` add up into rows with code `parent`
    /// (e.g. commune -> province, province -> country).
    pub fn set_parent(
        &mut self,
        dimension: &str,
        child: &str,
        parent: &str,
    ) -> Result<(), CubeError> {
        let d = self.dim_mut(dimension)?;
        let err =
            |f: fn(String, String) -> CubeError| Err(f(dimension.to_string(), child.to_string()));
        if d.total.as_deref() == Some(child) {
            return err(|dimension, code| CubeError::TotalHasParent { dimension, code });
        }
        match d.parent.get(child) {
            Some(p) if p == parent => return Ok(()),
            Some(_) => return err(|dimension, code| CubeError::ParentConflict { dimension, code }),
            None => {}
        }
        if d.reaches(parent, child) {
            return err(|dimension, code| CubeError::HierarchyCycle { dimension, code });
        }
        d.parent.insert(child.to_string(), parent.to_string());
        Ok(())
    }

    /// Adds one row (one code per dimension, in order) and returns its cell index.
    pub fn add_row<S: AsRef<str>>(&mut self, key: &[S], value: u64) -> Result<usize, CubeError> {
        if key.len() != self.dims.len() {
            return Err(CubeError::WrongArity {
                expected: self.dims.len(),
                got: key.len(),
            });
        }
        let key: Vec<String> = key.iter().map(|s| s.as_ref().to_string()).collect();
        if self.index.contains_key(&key) {
            return Err(CubeError::DuplicateRow(key));
        }
        let cell = self.keys.len();
        self.index.insert(key.clone(), cell);
        self.keys.push(key);
        self.values.push(value);
        Ok(cell)
    }

    /// Builds the table: one cell per row (same index as returned by `add_row`) and every
    /// total constraint, dimension by dimension.
    pub fn build(&self) -> Result<Cube, CubeError> {
        let mut table = Table::new();
        for &v in &self.values {
            table.add_cell(v);
        }
        for (d, dim) in self.dims.iter().enumerate() {
            for (total, parts) in self.totals_along(d) {
                self.add_total(&mut table, dim, total, &parts)?;
            }
        }
        Ok(Cube {
            table,
            dimensions: self.dims.iter().map(|d| d.name.clone()).collect(),
            keys: self.keys.clone(),
            index: self.index.clone(),
        })
    }

    /// Pairs (total row, part rows) along dimension `d`, in row order.
    fn totals_along(&self, d: usize) -> Vec<(usize, Vec<usize>)> {
        let dim = &self.dims[d];
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); self.keys.len()];
        for (cell, key) in self.keys.iter().enumerate() {
            let Some(parent) = dim.parent_of(&key[d]) else {
                continue;
            };
            let mut pk = key.clone();
            pk[d] = parent.to_string();
            if let Some(&total) = self.index.get(&pk) {
                parts[total].push(cell);
            }
        }
        parts
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .collect()
    }

    /// Adds one constraint, translating a value mismatch into a keyed error.
    fn add_total(
        &self,
        table: &mut Table,
        dim: &Dimension,
        total: usize,
        parts: &[usize],
    ) -> Result<(), CubeError> {
        match table.add_constraint(total, parts) {
            Ok(()) => Ok(()),
            Err(TableError::Inconsistent {
                total_value,
                parts_sum,
                ..
            }) => Err(CubeError::Inconsistent {
                dimension: dim.name.clone(),
                total: self.keys[total].clone(),
                total_value,
                parts_sum,
            }),
            // Indices come from our own rows and are distinct, so nothing else can fail;
            // report it as an inconsistency rather than panic.
            Err(_) => Err(CubeError::Inconsistent {
                dimension: dim.name.clone(),
                total: self.keys[total].clone(),
                total_value: self.values[total],
                parts_sum: 0,
            }),
        }
    }

    fn dim_mut(&mut self, name: &str) -> Result<&mut Dimension, CubeError> {
        self.dims
            .iter_mut()
            .find(|d| d.name == name)
            .ok_or_else(|| CubeError::UnknownDimension(name.to_string()))
    }
}

/// A built cube: the [`Table`] plus the mapping between row keys and cell indices.
#[derive(Debug, Clone)]
pub struct Cube {
    table: Table,
    dimensions: Vec<String>,
    keys: Vec<Vec<String>>,
    index: HashMap<Vec<String>, usize>,
}

impl Cube {
    /// The table to pass to [`crate::protect`] or [`crate::audit`].
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Dimension names, in key order.
    pub fn dimensions(&self) -> &[String] {
        &self.dimensions
    }

    /// The cell index of a row key.
    pub fn cell<S: AsRef<str>>(&self, key: &[S]) -> Option<usize> {
        let key: Vec<String> = key.iter().map(|s| s.as_ref().to_string()).collect();
        self.index.get(&key).copied()
    }

    /// The row key of a cell index.
    pub fn key(&self, cell: usize) -> Option<&[String]> {
        self.keys.get(cell).map(Vec::as_slice)
    }
}
