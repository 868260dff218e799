//! PDF exports read back with poppler-utils (pdfinfo, pdffonts, pdftotext).
