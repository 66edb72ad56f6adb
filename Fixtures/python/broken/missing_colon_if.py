import os
if os.sep
    pass
