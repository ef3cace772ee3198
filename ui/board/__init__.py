"""The hall board (大屏): open posts and the day's counts on a big screen."""
