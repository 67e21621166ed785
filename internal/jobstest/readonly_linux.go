//go:build linux && (amd64 || arm64)

package jobstest

import (
	"os"
	"syscall"
	"unsafe"
)

// The ioctls of chattr(1) and the immutable flag, from linux/fs.h
// (_IOR('f', 1, long) and _IOW('f', 2, long) on 64-bit machines).
const (
	fsIocGetFlags   = 0x80086601
	fsIocSetFlags   = 0x40086602
	fsImmutableFlag = 0x00000010
)

// setImmutable sets or clears the immutable attribute of path, as chattr
// +i and -i do.
func setImmutable(path string, on bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var flags int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), fsIocGetFlags, uintptr(unsafe.Pointer(&flags))); errno != 0 {
		return &os.PathError{Op: "ioctl FS_IOC_GETFLAGS", Path: path, Err: errno}
	}
	if on {
		flags |= fsImmutableFlag
	} else {
		flags &^= fsImmutableFlag
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), fsIocSetFlags, uintptr(unsafe.Pointer(&flags))); errno != 0 {
		return &os.PathError{Op: "ioctl FS_IOC_SETFLAGS", Path: path, Err: errno}
	}
	return nil
}
