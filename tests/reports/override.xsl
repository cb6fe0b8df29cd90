<?xml version="1.0" encoding="UTF-8"?>
<!-- A publisher's restyling: import the tool's stylesheet, override an
     attribute set and a parameter.  tests/reports/docbook.test runs it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../../src/fo/report.xsl"/>
  <xsl:attribute-set name="link">
    <xsl:attribute name="color">#008000</xsl:attribute>
  </xsl:attribute-set>
  <xsl:param name="body-font-size" select="'12pt'"/>
</xsl:stylesheet>
