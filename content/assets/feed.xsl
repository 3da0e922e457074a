<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed of this site (generator/feeds.py) opened in a browser as a short page: what a
     feed is and how to follow it, then its entries. Feed readers ignore this stylesheet. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/a:feed">
    <html lang="id">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="a:title"/> (feed)</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #1d1d1d; background: #fff; }
          .mp-feed-info { border-left: 4px solid #3f51b5; background: #eef0fa; padding: 0.5rem 1rem; }
          a { color: #283593; }
          li { margin-bottom: 0.8rem; }
          time { font-weight: bold; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="a:title"/></h1>
          <div class="mp-feed-info">
            <p>Ini adalah <strong>feed</strong>: alamat yang dibaca oleh aplikasi pembaca berita, bukan halaman untuk dibaca langsung. Salin alamat halaman ini dari bilah alamat peramban ke aplikasi pembaca berita (misalnya Feeder atau Thunderbird), maka setiap pembaruan program dan tahapan masterplan akan muncul di sana dengan sendirinya.</p>
            <p><a href="{a:link[@rel='alternate']/@href}">Buka halaman pembaruan di situs</a></p>
          </div>
          <h2>Isi feed</h2>
          <xsl:if test="not(a:entry)"><p>Belum ada pembaruan.</p></xsl:if>
          <ul>
            <xsl:for-each select="a:entry">
              <li>
                <time><xsl:value-of select="substring(a:updated, 1, 10)"/></time>:
                <a href="{a:link/@href}"><xsl:value-of select="a:title"/></a>.
                <xsl:value-of select="a:summary"/>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
