/* test_jscan with the scanner's flat values checked 16 bytes a load (SSE2)
 * on a machine that has AVX2 too: jscan.c itself, built without its AVX2
 * path, and every test of test_jscan.c against it. */
#define VP_JSCAN_NO_AVX2 1
#include "../../pipeline/core/jscan.c"
#include "test_jscan.c"
