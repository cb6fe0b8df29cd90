<?xml version="1.0" encoding="UTF-8"?>
<!-- A publisher's choice: notes at the end of each chapter instead of at
     the foot of the page.  tests/reports/docbook.test runs it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../../src/fo/report.xsl"/>
  <xsl:param name="notes" select="'endnotes'"/>
</xsl:stylesheet>
