//! Tests of `critical_minerals::render` (feature `render`): the HTML page's structure read
//! with an XML parser, the SVG charts' labels, the text format's width and names, the columnar
//! writers.

mod columnar;
mod html;
mod svg;
mod text;
