"""The furniture of a web page: lines that point elsewhere and tell no news."""

# How a page's asides begin: pointers to other pages, captions' tags, not news.
ASIDES = ("read more", "see also", "related:", "watch:", "watch video", "click here",
          "image copyright", "image caption", "file -", "file photo")  # fmt: skip
